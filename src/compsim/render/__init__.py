"""Turning decisions into text: tables, markdown, CSV, JSON and plain-English explanations."""

FORMATS = ("table", "markdown", "csv", "json")
