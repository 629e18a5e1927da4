"""Domain services: the rules behind the admin's buttons, one module per area."""
