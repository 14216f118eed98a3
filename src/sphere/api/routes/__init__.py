"""The routers: the REST API (`rest`, `export`, `upload`) and the dashboard's pages (`pages`)."""
