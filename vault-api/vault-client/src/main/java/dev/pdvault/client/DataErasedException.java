package dev.pdvault.client;

/** 410: the data or the subject was erased ({@code data-erased}, {@code subject-erased}); it will never be readable again. */
public final class DataErasedException extends VaultProblemException {

    DataErasedException(Problem problem) {
        super(problem, null);
    }
}
