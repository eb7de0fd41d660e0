"""FastAPI service: JSON API and server-rendered pages."""
