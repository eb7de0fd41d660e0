"""One spider a source kind; each turns its source's responses into raw posting items."""
