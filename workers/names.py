"""Task and queue names: the contract between the bot (which sends signatures) and the workers."""

ANALYSE_IMAGE = "bcdbot.analyse_image"
IMAGE_QUEUE = "images"
