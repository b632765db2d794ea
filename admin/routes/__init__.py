"""The admin console's pages, one module per area; they reach the store through `admin.console`."""
