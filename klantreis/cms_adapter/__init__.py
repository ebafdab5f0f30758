"""The browser editor's adapter: Decap CMS's file protocol, served by `klantreis serve`.

Like `mkdocs_adapter/`, it connects an outside world to the engine and knows nothing of the
engine's internals: it loads the knowledge base, the JSON Schemas, slugs and the validation
messages through their public functions. Nothing in `content/` or `site/` imports it.
"""
