"""Migration scripts, one per schema change, named NNNN_what.py; Alembic loads them by path."""
