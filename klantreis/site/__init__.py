"""The knowledge base to a site: generated pages, blocks, the term linker, rendering."""
