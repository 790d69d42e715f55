"""The Django admin, where teachers curate questions and sets and follow their classes.

One module per area; importing them registers their model admins.
"""

from django.contrib import admin

from learning.admin import classes, content, flags, questions, results, sets  # noqa: F401

admin.site.site_header = "Campaign Quiz administration"
admin.site.site_title = "Campaign Quiz"
