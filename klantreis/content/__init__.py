"""Source files to a validated knowledge base: reading, the model, validation, indexes."""
