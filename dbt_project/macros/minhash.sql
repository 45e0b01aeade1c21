{#- The pieces of the MinHash near-duplicate models that DuckDB and Spark SQL spell differently. -#}

{#- The lowercased words of a text: runs of letters and digits. Both engines must cut the same words: DuckDB
    lowercases letter by letter, Java's `toLowerCase` (Spark's `lower`) writes a word-final capital sigma as final
    sigma (ς) and the dotted capital I as "i" plus a combining dot (U+0307), which is not a letter and would cut the
    word in two; so every ς becomes σ and U+0307 is dropped after lowercasing, in both engines. -#}
{% macro word_list(expression) -%}
    {{ return(adapter.dispatch('word_list', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__word_list(expression) -%}
    list_filter(
        string_split_regex(replace(replace(lower({{ expression }}), 'ς', 'σ'), chr(775), ''), '[^\p{L}\p{N}]+'),
        lambda word: word <> ''
    )
{%- endmacro %}

{% macro spark__word_list(expression) -%}
    filter(
        split(replace(replace(lower({{ expression }}), 'ς', 'σ'), '\u0307', ''), '[^\\p{L}\\p{N}]+'),
        word -> word <> ''
    )
{%- endmacro %}

{#- The distinct hashes of a word list's shingles of `shingle_words` words (a list shorter than one shingle still
    gets one shingle, of the words it has). A shingle is its words joined by single spaces, and its hash is the
    first 15 hex digits of the MD5 of that text as a non-negative 60-bit integer: MD5 is the one hash function both
    engines compute identically (DuckDB's `hash` and Spark's `hash`/`xxhash64` are different functions), so both
    engines fill the same MinHash bins with the same values, and every later step (bands, candidate pairs, the
    estimated Jaccard, the groups) agrees by construction. -#}
{% macro shingle_hashes(words, shingle_words) -%}
    {{ return(adapter.dispatch('shingle_hashes', 'pagewarehouse')(words, shingle_words)) }}
{%- endmacro %}

{% macro default__shingle_hashes(words, shingle_words) -%}
    list_distinct(list_transform(
        range(1, greatest(len({{ words }}) - {{ shingle_words - 1 }}, 1) + 1),
        lambda i: cast('0x' || left(md5(concat_ws(' ',
            {%- for offset in range(shingle_words) %}
            {{ words }}[i + {{ offset }}]{{ "," if not loop.last }}
            {%- endfor %}
        )), 15) as bigint)
    ))
{%- endmacro %}

{% macro spark__shingle_hashes(words, shingle_words) -%}
    array_distinct(transform(
        sequence(1, greatest(size({{ words }}) - {{ shingle_words - 1 }}, 1)),
        i -> cast(conv(left(md5(concat_ws(' ',
            {%- for offset in range(shingle_words) %}
            try_element_at({{ words }}, i + {{ offset }}){{ "," if not loop.last }}
            {%- endfor %}
        )), 15), 16, 10) as bigint)
    ))
{%- endmacro %}

{#- Aggregate: one hash of a band's (bin, bin_min_hash) pairs, in bin order. Only its equality is used (two
    articles share a bucket when their keys are equal), so each engine may use its own 64-bit hash: equal bands get
    equal keys in both; two unequal bands get equal keys in either engine with a chance of about 2^-64. -#}
{% macro band_key(bin, bin_min_hash) -%}
    {{ return(adapter.dispatch('band_key', 'pagewarehouse')(bin, bin_min_hash)) }}
{%- endmacro %}

{% macro default__band_key(bin, bin_min_hash) -%}
    hash(list(struct_pack({{ bin }}, {{ bin_min_hash }}) order by {{ bin }}))
{%- endmacro %}

{% macro spark__band_key(bin, bin_min_hash) -%}
    xxhash64(array_sort(collect_list(named_struct('bin', {{ bin }}, 'bin_min_hash', {{ bin_min_hash }}))))
{%- endmacro %}

{#- How many elements two lists of distinct values have in common. -#}
{% macro shared_count(left, right) -%}
    {{ return(adapter.dispatch('shared_count', 'pagewarehouse')(left, right)) }}
{%- endmacro %}

{% macro default__shared_count(left, right) -%}
    len(list_intersect({{ left }}, {{ right }}))
{%- endmacro %}

{% macro spark__shared_count(left, right) -%}
    size(array_intersect({{ left }}, {{ right }}))
{%- endmacro %}
