"""compsim policy plugin for Alliance Homes."""
