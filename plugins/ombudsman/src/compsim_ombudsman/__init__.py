"""compsim reference policy: the Housing Ombudsman's guidance."""
