package io.github.iothubmqtt.protocol;

/**
 * IoT Plug and Play command names: a command of a component arrives as the direct method
 * {@code <component>*<command>}, one of the default component under its own name.
 *
 * @param component the component, or null for the default component
 * @param command the command name within the component
 */
public record ComponentCommand(String component, String command) {

    private static final char SEPARATOR = '*';

    /**
     * Splits a method name at its first {@code *}. A name with nothing before or after that {@code *} names no
     * component: it is a command of the default component under the whole name.
     */
    public static ComponentCommand parse(String methodName) {
        if (methodName == null || methodName.isEmpty()) {
            throw new IllegalArgumentException("method name is empty");
        }
        int separator = methodName.indexOf(SEPARATOR);
        if (separator <= 0 || separator == methodName.length() - 1) {
            return new ComponentCommand(null, methodName);
        }
        return new ComponentCommand(methodName.substring(0, separator), methodName.substring(separator + 1));
    }

    /** The direct method name the hub sends for this command. */
    public String methodName() {
        return component == null ? command : component + SEPARATOR + command;
    }
}
