"""Sync: every device converges through a shared store (a folder, or PostgreSQL)."""
