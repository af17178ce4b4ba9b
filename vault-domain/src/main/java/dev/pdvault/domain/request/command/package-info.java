/** The data-subject request aggregate, which moves one request from receipt to fulfilment or refusal. */
package dev.pdvault.domain.request.command;
