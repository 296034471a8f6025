"""The networking workbook: the tools and data behind the course notebooks."""
