"""Public views, one module per area. Views stay thin: querysets live on the models."""
