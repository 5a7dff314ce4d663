"""compsim policy plugin: Clarion Housing's Customer Compensation and Remedies Policy."""
