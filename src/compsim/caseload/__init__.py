"""Caseloads: many cases at once, from a CSV export or a generated population, run in
chunks (local processes or a Dask cluster) and aggregated as they stream past."""
