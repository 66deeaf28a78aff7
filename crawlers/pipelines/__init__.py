"""Item pipelines, one module per source (registered by each spider's custom_settings)."""
