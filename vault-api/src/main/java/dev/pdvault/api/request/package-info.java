/** Data-subject requests over HTTP: filing, identity verification, fulfilment (the export), refusal, appeal, due lists. */
package dev.pdvault.api.request;
