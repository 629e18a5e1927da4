"""Template access to the SVG pictures of archive.charts."""

from django import template

from archive import charts

register = template.Library()


@register.simple_tag
def decade_timeline(decade, id_suffix=""):
    return charts.decade_timeline(decade, id_suffix)


@register.simple_tag
def timeline_legend():
    return charts.legend()


@register.simple_tag
def relations_chart(years, chart_id="relations"):
    return charts.relations_chart(years, chart_id)
