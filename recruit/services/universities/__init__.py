"""Universities and their career offices: the roster of graduates an office imports and keeps."""
