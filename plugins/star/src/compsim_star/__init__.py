"""compsim policy plugin for STAR (Shropshire Towns and Rural Housing)."""
