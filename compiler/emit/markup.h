/* markup — the XML escaping the backends share: text from a pathway made
 * safe to write between tags or inside a quoted attribute, in the
 * checklist (emit/html.c) and in the diagram's HTML-like labels
 * (emit/dot.c). What each adds for its own reader stays with it: the
 * checklist writes a newline as <br> (a space in an attribute), the
 * diagram doubles backslashes for Graphviz and breaks lines with <BR/>.
 *
 * Both functions take one code point as pw_utf8_next reads it (c, from
 * the k bytes at s) and append to b. */
#ifndef PW_MARKUP_H
#define PW_MARKUP_H

#include "support/text.h"

#include <stddef.h>
#include <stdint.h>

/* c as markup: & < > " ' as &amp; &lt; &gt; &quot; &#39;, and the rest as
 * pw_markup_xml_char writes it. */
void pw_markup_char(pw_text_buf *b, const char *s, size_t k, uint32_t c);

/* c as an XML character, without entities (for text that is not read as
 * markup, such as a diagram's tooltips, which must still be XML in the
 * SVG): a carriage return dropped; a control character or noncharacter
 * (pw_unsafe_char, newlines and tabs included) as a space; a byte that is
 * not UTF-8 as U+FFFD; anything else as it is. */
void pw_markup_xml_char(pw_text_buf *b, const char *s, size_t k, uint32_t c);

#endif
