"""Admin additions for people: the person chooser (people/choosers.py)."""

from wagtail import hooks

from people.choosers import person_chooser_viewset


@hooks.register("register_admin_viewset")
def register_person_chooser():
    return person_chooser_viewset
