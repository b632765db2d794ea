"""Names shared by the bot (which sends signatures) and the workers: tasks, queues, Redis keys."""

ANALYSE_IMAGE = "bcdbot.analyse_image"

CPU_QUEUE = "images.cpu"
GPU_QUEUE = "images.gpu"

DELIVERY_COUNT_PREFIX = "bcdbot:deliveries:"
ANALYSIS_CACHE_PREFIX = "bcdbot:analysis:"
DEAD_LETTER_KEY = "bcdbot:dead-letter"
UPLOAD_PREFIX = "bcdbot:upload:"  # the image of an analysis in flight, written by the bot's outbox
