"""Views: tables for people and scripts, the drawing, the interactive page and the exports."""
