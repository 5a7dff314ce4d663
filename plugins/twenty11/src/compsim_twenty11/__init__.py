"""compsim policy plugin for Twenty11."""
