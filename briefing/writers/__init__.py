"""Writers: one per output format, each reading only the document plan and a template."""
