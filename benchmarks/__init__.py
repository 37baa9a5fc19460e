"""geo_incidents benchmarks: ``python -m benchmarks`` prints every table (see README)."""
