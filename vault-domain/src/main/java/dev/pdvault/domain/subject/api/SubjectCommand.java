package dev.pdvault.domain.subject.api;

/** A command on one data subject's aggregate; lets the command bus find the target without reflection. */
public interface SubjectCommand {

    SubjectId subjectId();
}
