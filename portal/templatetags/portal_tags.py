"""Template helpers of the public site: text blocks, responsive images, language links, names."""

import re

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from portal.selectors import public_name

register = template.Library()

SWITCHER_LABELS = {"th": "ไทย", "en": "English"}
_NUMBERED = re.compile(r"^\d+[.)]\s+")
_TABLE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")


def _kind(line: str) -> str:
    stripped = line.strip()
    if not stripped:
        return "blank"
    if stripped.startswith("### "):
        return "h3"
    if stripped.startswith("## "):
        return "h2"
    if stripped.startswith(("- ", "* ")):
        return "ul"
    if _NUMBERED.match(stripped):
        return "ol"
    if stripped.startswith("|"):
        return "table"
    return "p"


def _table(lines: list[str]) -> str:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in lines
        if not _TABLE_RULE.match(line.strip())
    ]
    if not rows:
        return ""
    head = format_html_join("", '<th scope="col">{}</th>', ((cell,) for cell in rows[0]))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in rows[1:]),
    )
    return format_html(
        '<div class="table-responsive"><table class="table table-bordered align-middle">'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>",
        head,
        body,
    )


def render_text_blocks(text: str) -> str:
    """Plain text written in admin as safe HTML; every character a person typed is escaped.

    Blank lines separate paragraphs; `## ` and `### ` start headings, `- ` bullets, `1. `
    numbered items and lines starting with `|` a table whose first row is the header.
    """
    groups: list[tuple[str, list[str]]] = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        kind = _kind(line)
        if kind in ("h2", "h3") or not groups or groups[-1][0] != kind:
            groups.append((kind, [line]))
        else:
            groups[-1][1].append(line)
    html = []
    for kind, lines in groups:
        if kind == "blank":
            continue
        if kind in ("h2", "h3"):
            html.append(f"<{kind}>{escape(lines[0].strip()[len(kind) + 1 :].strip())}</{kind}>")
        elif kind == "ul":
            items = "".join(f"<li>{escape(line.strip()[2:].strip())}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        elif kind == "ol":
            items = "".join(f"<li>{escape(_NUMBERED.sub('', line.strip()))}</li>" for line in lines)
            html.append(f"<ol>{items}</ol>")
        elif kind == "table":
            html.append(_table(lines))
        else:
            html.append("<p>" + "<br>".join(escape(line.strip()) for line in lines) + "</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every piece above is escaped


@register.filter
def text_blocks(text):
    return render_text_blocks(text)


@register.simple_tag
def responsive_image(item, sizes="100vw", eager=False, css_class=""):
    """`<img>` with srcset of the renditions, intrinsic width/height, lazy unless `eager`.

    The first image a visitor sees (the page's largest) is `eager` with high fetch priority; all
    others load lazily when scrolled near.
    """
    renditions = item.rendition_list() if item else []
    if not renditions:
        return ""
    largest = renditions[-1]
    srcset = ", ".join(f"{entry['url']} {entry['width']}w" for entry in renditions)
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" class="{}" '
        'decoding="async" {}>',
        largest["url"],
        srcset,
        sizes,
        largest["width"],
        largest["height"],
        item.local.image_alt,
        css_class,
        mark_safe(loading),  # noqa: S308 - a constant chosen above
    )


@register.filter
def member_name(member):
    """The public form of a member's name: title and names, nothing else."""
    if member is None:
        return ""
    return public_name(member.title, member.first_name, member.last_name)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The page in each language: for the switcher and for `<link rel="alternate" hreflang>`."""
    request = context["request"]
    path = request.get_full_path()
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            # An address that does not resolve (a 404) has no translation: offer that
            # language's home page instead of the same missing page.
            with translation.override(code):
                url = reverse("portal:home")
        links.append(
            {
                "code": code,
                # Each language named in itself, as people look for their own.
                "label": SWITCHER_LABELS.get(code, get_language_info(code)["name_local"]),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    request = context["request"]
    return request.build_absolute_uri(path if path is not None else request.path)


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with another page number (keeps the search text)."""
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + urlencode(sorted(params.lists()), doseq=True)
