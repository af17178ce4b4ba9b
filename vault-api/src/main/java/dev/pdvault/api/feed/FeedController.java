package dev.pdvault.api.feed;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The cursor-paged HTTP feed: the calling identity's own feed messages, oldest first. */
@RestController
public class FeedController {

    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_CURSOR_DIGITS = 18;

    private final FeedLog log;
    private final FeedProperties properties;

    FeedController(FeedLog log, FeedProperties properties) {
        this.log = log;
        this.properties = properties;
    }

    @GetMapping("/v1/feed")
    @Allowed(Role.DETOKENIZER)
    public FeedLog.Page feed(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                             @RequestParam(required = false) String after,
                             @RequestParam(required = false) String limit) {
        long cursor = after == null ? 0 : number(after, MAX_CURSOR_DIGITS, "invalid-cursor", "Invalid cursor",
                "after must be a cursor the feed returned as next");
        int pageSize = limit == null ? DEFAULT_PAGE_SIZE : (int) number(limit, 5, "invalid-limit", "Invalid limit",
                "limit must be a whole number from 1 to " + properties.maxPageSize());
        if (limit != null && (pageSize < 1 || pageSize > properties.maxPageSize())) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-limit", "Invalid limit",
                    "limit must be a whole number from 1 to " + properties.maxPageSize());
        }
        return log.page(FeedAudience.addressOf(identity), cursor, pageSize);
    }

    private static long number(String text, int maxDigits, String slug, String title, String detail) {
        if (text.isEmpty() || text.length() > maxDigits || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, slug, title, detail);
        }
        return Long.parseLong(text);
    }
}
