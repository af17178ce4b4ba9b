/** The tokenized event feed: who hears of which event, the HTTP feed, and delivery over RabbitMQ by segments. */
package dev.pdvault.api.feed;
