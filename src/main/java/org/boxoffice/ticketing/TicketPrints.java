package org.boxoffice.ticketing;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.boxoffice.catalog.Event;
import org.boxoffice.ordering.Order;
import org.boxoffice.shared.Timestamps;
import org.boxoffice.ticketing.internal.QrImages;
import org.boxoffice.ticketing.internal.TicketCodes;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Tickets on paper: a PDF with a page per ticket (event, venue, time, seat, holder) and its static code, for the
 * confirmation mail and for download. Where the organizer forbids static codes the page says to show the live code.
 */
@Service
public class TicketPrints {
    private final TicketCodes codes;

    TicketPrints(TicketCodes codes) {
        this.codes = codes;
    }

    public byte[] pdf(Order order, Event event, String holder) {
        StringBuilder html = new StringBuilder("""
                <html><head><style>
                  @page { size: A5 landscape; margin: 14mm; }
                  body { font-family: sans-serif; color: #1d2433; }
                  .ticket { page-break-after: always; }
                  .ticket:last-child { page-break-after: auto; }
                  h1 { font-size: 20pt; margin: 0 0 4mm 0; }
                  .seat { font-size: 16pt; font-weight: bold; margin: 3mm 0; }
                  .muted { color: #5b6475; font-size: 9pt; }
                  img { width: 45mm; height: 45mm; float: right; }
                </style></head><body>
                """);
        for (Order.Ticket ticket : order.tickets()) {
            html.append("<div class=\"ticket\">");
            if (event.staticTicketCodes()) {
                String png = Base64.getEncoder().encodeToString(QrImages.png(codes.fixed(ticket.ticketId(), event.id())));
                html.append("<img src=\"data:image/png;base64,").append(png).append("\"/>");
            }
            html.append("<h1>").append(escape(event.name())).append("</h1>")
                    .append("<p>").append(escape(event.venueName())).append(" · ").append(Timestamps.forPeople(event.startsAt())).append("</p>")
                    .append("<p class=\"seat\">").append(escape(ticket.label())).append("</p>")
                    .append("<p>").append(escape(holder)).append("</p>")
                    .append("<p class=\"muted\">Order ").append(order.orderId()).append(" · ticket ").append(ticket.ticketId())
                    .append("</p>");
            if (!event.staticTicketCodes()) {
                html.append("<p><b>This event takes only the live code: show your ticket in the browser at the door.</b></p>");
            }
            html.append("</div>");
        }
        html.append("</body></html>");
        try (ByteArrayOutputStream pdf = new ByteArrayOutputStream()) {
            new PdfRendererBuilder().useFastMode().withHtmlContent(html.toString(), null).toStream(pdf).run();
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the five XML characters: the page is parsed as XML, which knows no named entities such as &eacute;. */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
