"""Clinical content: the flagship article, causes, references and tags."""
