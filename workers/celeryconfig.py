"""Celery settings shared by the bot (the client) and the workers. Plain lowercase module settings."""

from workers.names import ANALYSE_IMAGE, IMAGE_QUEUE

task_serializer = "json"
result_serializer = "json"
accept_content = ["json"]
result_expires = 24 * 3600
result_extended = False

task_acks_late = True
task_reject_on_worker_lost = True
worker_prefetch_multiplier = 1
task_track_started = False

task_default_queue = IMAGE_QUEUE
task_routes = {ANALYSE_IMAGE: {"queue": IMAGE_QUEUE}}

broker_connection_retry_on_startup = True
broker_transport_options = {"visibility_timeout": 3600}
worker_hijack_root_logger = False
worker_send_task_events = False
worker_proc_alive_timeout = 120.0  # loading the model in a child may take longer than the 4 s default
