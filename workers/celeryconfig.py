"""Celery settings shared by the bot (the client) and the workers. Plain lowercase module settings.

Values that depend on the deployment (broker URL, time limits, visibility timeout) are applied from the
settings object in `workers.celery_app.create_celery`.
"""

from workers.names import CPU_QUEUE

task_serializer = "json"
result_serializer = "json"
accept_content = ["json"]
result_accept_content = ["json"]
result_expires = 24 * 3600

# A task is acknowledged only after it finished, and re-queued if its worker process died: a crash or a
# kill -9 loses no image. Tasks are idempotent (results are cached by content hash and model version).
task_acks_late = True
task_reject_on_worker_lost = True
worker_prefetch_multiplier = 1
# STARTED in the result backend tells the bot's sweep a worker has the task (bot.analysis_queue republishes
# tasks no worker started: a message can be lost when Redis goes down as a worker takes it).
task_track_started = True

task_default_queue = CPU_QUEUE
task_create_missing_queues = True

# Publishing survives a Redis restart: retry for up to ~20 s before giving up.
task_publish_retry = True
task_publish_retry_policy = {
    "max_retries": 12,
    "interval_start": 0.1,
    "interval_step": 0.5,
    "interval_max": 2,
}
broker_connection_retry_on_startup = True
broker_connection_max_retries = None
redis_backend_health_check_interval = 5
result_backend_always_retry = True
result_backend_max_retries = 20

# Events for Flower (`celery --broker=$BCDBOT_REDIS_URL flower`).
worker_send_task_events = True
task_send_sent_event = True

worker_hijack_root_logger = False
worker_proc_alive_timeout = 120.0  # loading the model in a child may take longer than the 4 s default

# On a lost broker connection, cancel running late-ack tasks: they cannot be acknowledged on the dead
# connection and are redelivered instead (idempotent: results are cached). Celery 6's default.
worker_cancel_long_running_tasks_on_connection_loss = True
