package org.kycsuite.kyc.screening;

import java.util.List;

/**
 * One name of a sanctioned person as listed: the primary name or an alias, with its normalised tokens.
 *
 * @param list the list code, e.g. {@code OFAC_SDN}
 * @param entryId the entry's id on its list (an alias shares its entry's id)
 * @param name the name as the list spells it
 * @param alias whether this is an alias rather than the primary name
 * @param tokens {@link NameNormalizer#tokens} of {@code name}
 */
public record ListedName(String list, String entryId, String name, boolean alias, String[] tokens) {

    public static ListedName of(String list, String entryId, String name, boolean alias) {
        List<String> tokens = NameNormalizer.tokens(name);
        return new ListedName(list, entryId, name.strip(), alias, tokens.toArray(String[]::new));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListedName that && list.equals(that.list) && entryId.equals(that.entryId)
                && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return (list + entryId + name).hashCode();
    }

    @Override
    public String toString() {
        return list + ":" + entryId + ":" + name;
    }
}
