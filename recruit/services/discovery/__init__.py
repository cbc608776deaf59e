"""Finding each other: vacancy search and its index, recommendations both ways, invitations to apply, and the
embeddings and lexical terms the worker keeps fresh for them."""
