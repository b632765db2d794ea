wait-duration =
    { $unit ->
        [second]
            { $amount ->
                [1] a second
               *[other] { $amount } seconds
            }
        [minute]
            { $amount ->
                [1] a minute
               *[other] { $amount } minutes
            }
       *[hour]
            { $amount ->
                [1] an hour
               *[other] { $amount } hours
            }
    }
limit-messages = You are sending messages faster than I can read them. I did not read the last ones: please wait { $wait } and send them again.
limit-images-per-hour = You have sent { $limit } images in the last hour, the most I can read in an hour. I did not read this one: please send it again in { $wait }.
limit-images-per-day = You have sent { $limit } images in the last 24 hours, the most I can read in a day. I did not read this one: please send it again in { $wait }.
limit-pending-analyses = I am still reading { $limit } of your images. I did not read this one: please send it again when I have answered them (usually within a minute).
