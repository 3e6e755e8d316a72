"""Tests of the pathway package: python3 -m unittest (from runtime/python)."""
