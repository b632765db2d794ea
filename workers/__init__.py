"""Celery workers that run the detector. Importing this package does not import torch."""
