"""Celery workers that run the detector, and the analysis contract the bot reads. Imports settings, detector
and store; importing this package does not import torch."""
