/* markup — see markup.h. */
#include "emit/markup.h"

void pw_markup_xml_char(pw_text_buf *b, const char *s, size_t k, uint32_t c)
{
    if (c == '\r')
        return;
    if (pw_unsafe_char(c))
        pw_tb_add(b, " ");
    else if (c == 0xFFFD && k == 1)
        pw_tb_add(b, "\xEF\xBF\xBD");
    else
        pw_tb_addn(b, s, k);
}

void pw_markup_char(pw_text_buf *b, const char *s, size_t k, uint32_t c)
{
    switch (c) {
    case '&': pw_tb_add(b, "&amp;"); break;
    case '<': pw_tb_add(b, "&lt;"); break;
    case '>': pw_tb_add(b, "&gt;"); break;
    case '"': pw_tb_add(b, "&quot;"); break;
    case '\'': pw_tb_add(b, "&#39;"); break;
    default: pw_markup_xml_char(b, s, k, c);
    }
}
