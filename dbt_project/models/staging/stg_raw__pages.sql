with

source as (

    select * from {{ source('raw', 'pages') }}

),

renamed as (

    select
        -- ids
        page_id,
        load_id,

        -- text
        url,
        coalesce(site, '{{ var("unknown_site") }}') as site,
        source_uri,
        content_format,
        body,
        content_sha256,
        byte_length,

        -- flags
        site is not null as is_site_known,

        -- timestamps
        fetched_at,
        loaded_at

    from source

)

select * from renamed
