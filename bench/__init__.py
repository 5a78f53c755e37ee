"""The production benchmark (``make bench``): see bench/run.py and the README's Benchmark section."""
