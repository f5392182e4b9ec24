package org.kycsuite.localcloud.template;

/** The template cannot be read or provisioned; the message names the resource and the reason. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
