"""Synthetic national-scale data for measuring pages: see metrics/management/commands/generate_scale_data.py."""
