/* The admin's calendar and its "today" link in the Buddhist Era (พ.ศ. = ค.ศ. + 543).
 *
 * Django's DateTimeShortcuts writes dates with the C.E. year and reads the input back the same
 * way. On Thai pages this file (core.forms.BaseAdminBuddhistEraDateWidget) makes the calendar's
 * caption, the picked day and "วันนี้" read in B.E., and opens the calendar on the month of a
 * B.E. date already typed. The server reads both eras (core/dates.py). The admin may load this
 * file before DateTimeShortcuts.js; the calendars are built on the window's load event, so the
 * changes are made when the document is parsed, in between.
 */
'use strict';
{
    const OFFSET = 543;
    const FIRST_BUDDHIST_YEAR = 2400;
    const thai = (document.documentElement.lang || 'th').startsWith('th');

    function pad(number) {
        return String(number).padStart(2, '0');
    }

    function buddhistText(date) {
        return pad(date.getDate()) + '/' + pad(date.getMonth() + 1) + '/' + (date.getFullYear() + OFFSET);
    }

    // "02/12/2569" → "02/12/2026", so that Django's own parsing finds the right month.
    function commonEraText(text) {
        const match = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text || '');
        if (!match || parseInt(match[3], 10) < FIRST_BUDDHIST_YEAR) {
            return text;
        }
        return pad(match[1]) + '/' + pad(match[2]) + '/' + (parseInt(match[3], 10) - OFFSET);
    }

    function teachTheEra() {
        if (!thai || !window.DateTimeShortcuts || !window.CalendarNamespace) {
            return;
        }
        const shortcuts = window.DateTimeShortcuts;
        const calendar = window.CalendarNamespace;

        const draw = calendar.draw;
        calendar.draw = function(month, year, divId, callback, selected) {
            draw.apply(this, arguments);
            const caption = document.getElementById(divId).querySelector('caption');
            if (caption) {
                caption.textContent = calendar.monthsOfYear[month - 1] + ' ' + (parseInt(year, 10) + OFFSET);
            }
        };

        shortcuts.handleCalendarCallback = function(num) {
            return function(year, month, day) {
                shortcuts.calendarInputs[num].value = buddhistText(new Date(year, month - 1, day));
                shortcuts.calendarInputs[num].focus();
                document.getElementById(shortcuts.calendarDivName1 + num).style.display = 'none';
            };
        };

        shortcuts.handleCalendarQuickLink = function(num, offset) {
            const date = shortcuts.now();
            date.setDate(date.getDate() + offset);
            shortcuts.calendarInputs[num].value = buddhistText(date);
            shortcuts.calendarInputs[num].focus();
            shortcuts.dismissCalendar(num);
        };

        const openCalendar = shortcuts.openCalendar;
        shortcuts.openCalendar = function(num) {
            const input = shortcuts.calendarInputs[num];
            const typed = input.value;
            input.value = commonEraText(typed);
            try {
                openCalendar.call(this, num);
            } finally {
                input.value = typed;
            }
        };
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', teachTheEra);
    } else {
        teachTheEra();
    }
}
